create table empty ();
