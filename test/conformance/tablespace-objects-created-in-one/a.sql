create schema "Store";
