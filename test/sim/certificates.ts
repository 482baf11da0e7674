// Two self-signed certificates for the simulated identity providers (EC P-256, made with openssl once and kept
// here so every run sees the same bytes). Public material only: their private keys were thrown away.

/** Subject CN=idp-soon.acme.example, not after 2026-12-02: ten days after the generated world's "now". */
export const IDP_CERT_EXPIRING = `-----BEGIN CERTIFICATE-----
MIIBuzCCAWGgAwIBAgIUJCxWgO9l7sKJ0Ar3eRjMYyNRcOAwCgYIKoZIzj0EAwIw
MzEeMBwGA1UEAwwVaWRwLXNvb24uYWNtZS5leGFtcGxlMREwDwYDVQQKDAhBY21l
IFNTTzAeFw0yNjExMjkxOTExNTNaFw0yNjEyMDIxOTExNTNaMDMxHjAcBgNVBAMM
FWlkcC1zb29uLmFjbWUuZXhhbXBsZTERMA8GA1UECgwIQWNtZSBTU08wWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAQG/L/biAJHxxnbsEK+5pXgIlmKaE5jz1bXCgTP
iyIwX6us+GrHeHgUG2Xa51KyUXvbtqWp2+PMKR4YwOdRGy89o1MwUTAdBgNVHQ4E
FgQUi06BWanBN99aaDCCLNI8tnEsUzYwHwYDVR0jBBgwFoAUi06BWanBN99aaDCC
LNI8tnEsUzYwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAXwkfB
MjMK72zgsbbssR5vvfny/Jw0zUENS8gonqcMBgIhANR04pkEBN7r4U6dc5OPLuJo
JUzs90oeyP8ET3c/iu8s
-----END CERTIFICATE-----
`;

/** Subject CN=idp-later.acme.example, not after 2036-11-26. */
export const IDP_CERT_VALID = `-----BEGIN CERTIFICATE-----
MIIBvjCCAWOgAwIBAgIUGAPUSWidqTKW+t1vYDc8cO/DdlAwCgYIKoZIzj0EAwIw
NDEfMB0GA1UEAwwWaWRwLWxhdGVyLmFjbWUuZXhhbXBsZTERMA8GA1UECgwIQWNt
ZSBTU08wHhcNMjYxMTI5MTkxMTUzWhcNMzYxMTI2MTkxMTUzWjA0MR8wHQYDVQQD
DBZpZHAtbGF0ZXIuYWNtZS5leGFtcGxlMREwDwYDVQQKDAhBY21lIFNTTzBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABJ5sxMRieLAJGtW/cwl/ZZco+LuwIoy0jfqz
U+Vag1MLQHV7dE/pcmyVbSCF5AXgeuoVhcI8AV2Jbx8Gk4FK28ajUzBRMB0GA1Ud
DgQWBBRqYxIRyl6yVFGexNtNAdHqUuiayTAfBgNVHSMEGDAWgBRqYxIRyl6yVFGe
xNtNAdHqUuiayTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQDP
IXeHIx7AgMZLVACOfwJVRlnMEsjV+Tu61JnMlNjo0wIhANwXBtsbU8CBTtelbcmS
/DGHra4CHoSsmThafYNdie20
-----END CERTIFICATE-----
`;
