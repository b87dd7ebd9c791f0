"""Payments: the `PaymentProvider` interface (Stripe Checkout or offline invoice), the
`Payment` record, Stripe's webhook. Part of the core layer: apps use it, it never imports
them; an app registers what happens when a payment of its kind is paid (`registry`)."""
