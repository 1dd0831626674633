"""The model of missions, partners and the dated facts that change them."""
