namespace Bastion.Core.Access;

/// <summary>A started TOTP enrolment: the secret to type or scan, and the URI the QR code carries.</summary>
internal sealed record TotpEnrolment(string Secret, string Uri);
