using Bastion.Core.Transfer;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Transfer;

internal sealed class TransferOptionsValidator : IValidateOptions<TransferOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferOptions options)
    {
        var errors = new List<string>();
        if (options.MaxFileBytes <= 0)
        {
            errors.Add("Transfer:MaxFileBytes must be positive");
        }

        if (options.OperationTimeout <= TimeSpan.Zero)
        {
            errors.Add("Transfer:OperationTimeout must be positive");
        }

        if (options.MaxListEntries is < 1 or > 100_000)
        {
            errors.Add("Transfer:MaxListEntries must be between 1 and 100000");
        }

        if (options.MaxListCount < options.MaxListEntries || options.MaxListCount > 10_000_000)
        {
            errors.Add("Transfer:MaxListCount must be at least Transfer:MaxListEntries and at most 10000000");
        }

        if (options.IdleClose <= TimeSpan.Zero)
        {
            errors.Add("Transfer:IdleClose must be positive");
        }

        if (options.ProbeAfterIdle < TimeSpan.Zero)
        {
            errors.Add("Transfer:ProbeAfterIdle must not be negative");
        }

        if (options.MaxConcurrentPerSession is < 1 or > 64)
        {
            errors.Add("Transfer:MaxConcurrentPerSession must be between 1 and 64");
        }

        if (options.KeepCopiesMaxFileBytes <= 0 || options.KeepCopiesMaxTotalBytes < options.KeepCopiesMaxFileBytes)
        {
            errors.Add("Transfer:KeepCopiesMaxFileBytes must be positive and no more than Transfer:KeepCopiesMaxTotalBytes");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
