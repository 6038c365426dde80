"""Ceasing an EHC plan (CFA 2014 s45; SEND Regulations 2014, regs 29 to 31)."""
