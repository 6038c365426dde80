"""Disputes and complaints: customer-charter complaints, mediation and SEND Tribunal appeals."""
