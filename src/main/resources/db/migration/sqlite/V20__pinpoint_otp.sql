-- One-time passwords (SendOTPMessage / VerifyOTPMessage): the latest code sent for an application, reference id and
-- destination, kept as a salted SHA-256 hash, with its expiry (epoch milliseconds) and the verification attempts
-- left. A verified code is deleted; a new SendOTPMessage for the same reference and destination replaces the code.
CREATE TABLE pinpoint_otp (
    account_id     TEXT NOT NULL,
    region         TEXT NOT NULL,
    app_id         TEXT NOT NULL,
    reference_id   TEXT NOT NULL,
    destination    TEXT NOT NULL,
    salt           TEXT NOT NULL,
    code_hash      TEXT NOT NULL,
    expires_at     BIGINT NOT NULL,
    attempts_left  INTEGER NOT NULL,
    PRIMARY KEY (account_id, region, app_id, reference_id, destination)
);
