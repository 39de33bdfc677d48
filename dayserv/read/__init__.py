"""Files -> tidy tables: the workbook or CSV files read, each sheet cleaned, and a problem
record for everything that could not be used."""
