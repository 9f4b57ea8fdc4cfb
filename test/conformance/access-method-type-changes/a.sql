create access method am2 type index handler bthandler;
