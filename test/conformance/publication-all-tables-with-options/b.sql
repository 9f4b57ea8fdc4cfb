create publication pub for all tables with (publish = 'insert, update');
