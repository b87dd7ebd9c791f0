"""Two-factor sign-in: an authenticator app (TOTP) with one-time recovery codes, through
django-otp. Staff and admins must use it (DESIGN.md: CJIS asks for multi-factor
authentication on systems holding criminal justice information); employers and
participants may turn it on. The middleware enforces it on every page; the sign-in view
asks for the code after the password."""
