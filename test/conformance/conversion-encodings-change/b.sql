create conversion my_conv for 'LATIN2' to 'UTF8' from iso8859_to_utf8;
