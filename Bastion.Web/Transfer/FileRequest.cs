using Bastion.Core.Ssh;
using Bastion.Core.Transfer;

namespace Bastion.Web.Transfer;

/// <summary>A file request the caller may make: on their own live session (<paramref name="SessionEnded"/> completes
/// when it ends), with what the grants allow now.</summary>
internal sealed record FileRequest(TransferFacts Facts, TransferPermissions Permissions, SshTarget Target, Task SessionEnded);
