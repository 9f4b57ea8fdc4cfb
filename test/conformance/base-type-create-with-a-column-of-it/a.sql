create schema "Units";
