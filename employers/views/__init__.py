"""HTML pages of the employers app, by audience: public, employer, staff."""
