create sequence s increment by 5 minvalue 10 maxvalue 1000 start with 20 cache 3 cycle;
