"""The outcomes area: the figures a program reports to its funders, read from the other
areas through their selectors."""
