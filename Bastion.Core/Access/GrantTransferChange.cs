namespace Bastion.Core.Access;

/// <summary>A grant after its transfer flags changed, with the flags it had before (for the audit event).</summary>
internal sealed record GrantTransferChange(Grant Grant, bool? AllowUploadBefore, bool? AllowDownloadBefore);
