using Bastion.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Hosting;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (StorageProviders.Normalize(options.Provider) is null)
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:Provider is '{options.Provider}'; it must be sqlite or postgres.");
        }

        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:Provider is postgres, so ConnectionStrings:{StorageOptions.ConnectionStringName} must be set (e.g. Host=db.example.com;Database=bastion;Username=bastion;Password=...).")
            : ValidateOptionsResult.Success;
    }
}
