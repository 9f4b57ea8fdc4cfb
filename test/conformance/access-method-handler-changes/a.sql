create access method idx2 type index handler bthandler;
