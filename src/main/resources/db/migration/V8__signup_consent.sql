-- Consent records of web signups name where the request and the confirmation came from (IPv6 addresses are long).
ALTER TABLE consent_event ALTER COLUMN source SET DATA TYPE VARCHAR(300);
