create type "My Enum" as enum ('it''s', 'a "b"', 'ünï', '');
