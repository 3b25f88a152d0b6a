namespace Bastion.Core.Audit.Export;

/// <summary>Where an export resumes, and why, as read and checked by <see cref="AuditExportCursorStore.ReadAsync"/>.</summary>
internal sealed record ExportStart(long AfterSequence, ExportStartReason Reason);
