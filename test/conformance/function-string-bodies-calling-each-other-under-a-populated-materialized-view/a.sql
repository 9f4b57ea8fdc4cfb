create schema "Calc";
