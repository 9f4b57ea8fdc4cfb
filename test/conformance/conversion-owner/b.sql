create conversion my_conv for 'LATIN1' to 'UTF8' from iso8859_1_to_utf8;
alter conversion my_conv owner to dbalign_r1;
