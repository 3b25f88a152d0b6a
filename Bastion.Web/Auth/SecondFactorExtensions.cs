using Bastion.Core.Access;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary>Second factors (TOTP, recovery codes, passkeys), step-up and account lockout (issue 11).</summary>
internal static class SecondFactorExtensions
{
    public static void AddBastionSecondFactors(this IServiceCollection services)
    {
        services.AddOptions<AccountSecurityOptions>().BindConfiguration(AccountSecurityOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountSecurityOptions>, AccountSecurityOptionsValidator>());
        services.AddScoped<LoginLockouts>();
        services.AddScoped<SecondFactors>();
        services.AddScoped<Passkeys>();
        services.AddScoped<LoginCompletion>();
        services.AddSingleton<MfaChallenges>();
        services.AddSingleton<StepUpClock>();
        services.AddSingleton<PasskeyCeremony>();
    }

    public static void MapSecondFactorEndpoints(this WebApplication app)
    {
        app.MapMfaEndpoints();
        app.MapStepUpEndpoints();
        app.MapAccountMfaEndpoints();
        app.MapPasskeyEndpoints();
        app.MapAdminSecurityEndpoints();
    }
}
