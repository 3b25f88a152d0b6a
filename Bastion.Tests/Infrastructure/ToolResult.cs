namespace Bastion.Tests.Infrastructure;

internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
