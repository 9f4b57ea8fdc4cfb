create default conversion my_default_conv for 'LATIN1' to 'UTF8' from iso8859_1_to_utf8;
