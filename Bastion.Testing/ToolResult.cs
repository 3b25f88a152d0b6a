namespace Bastion.Testing;

internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
