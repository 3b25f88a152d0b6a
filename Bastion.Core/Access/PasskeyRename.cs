namespace Bastion.Core.Access;

/// <summary>A renamed passkey and the name it had, for the audit record.</summary>
internal sealed record PasskeyRename(Passkey Passkey, string Before);
