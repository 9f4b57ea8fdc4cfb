create foreign data wrapper "My ""FDW""" options ("Some Option" 'it''s');
