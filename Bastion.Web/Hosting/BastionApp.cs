using Bastion.Web.Access;
using Bastion.Web.Admin;
using Bastion.Web.AuditApi;
using Bastion.Web.AuditApi.Syslog;
using Bastion.Web.Auth;
using Bastion.Web.Cluster;
using Bastion.Web.Favourites;
using Bastion.Web.Inventory;
using Bastion.Web.Memory;
using Bastion.Web.Observability;
using Bastion.Web.Search;
using Bastion.Web.Sessions;
using Bastion.Web.Settings;
using Bastion.Web.Terminal;
using Bastion.Web.Transfer;

namespace Bastion.Web.Hosting;

/// <summary>Composes the service. Tests build the same application with their own arguments (port 0, temp data).</summary>
public static class BastionApp
{
    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="configureServices">Runs after Bastion's registrations; tests use it to swap e.g. the TimeProvider.</param>
    public static async Task<WebApplication> CreateAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddBastionStorage();
        builder.AddBastionAuth();
        builder.AddBastionSso();
        builder.AddBastionTrustedProxies();
        builder.Services.AddBastionSecondFactors();
        builder.Services.AddBastionInventory(builder.Configuration);
        builder.Services.AddBastionAccess();
        builder.Services.AddBastionAdmin();
        builder.Services.AddBastionTerminal();
        builder.Services.AddBastionSocketTransport(builder.Configuration);
        builder.Services.AddBastionSessions();
        builder.Services.AddBastionCluster(builder.Configuration);
        builder.Services.AddBastionAudit();
        builder.Services.AddBastionSyslogExport();
        builder.Services.AddBastionSearch();
        builder.Services.AddBastionTransfer();
        builder.Services.AddBastionProblems();
        builder.Services.AddBastionUserSettings();
        builder.Services.AddBastionFavourites();
        builder.Services.AddBastionOpenApi();
        builder.AddBastionObservability();
        builder.Services.AddBastionMemory();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            await app.InitializeStorageAsync();
            await app.InitializeAuditAsync();
        }
        catch
        {
            // Disposing flushes the console logger's queue, so the line that says why reaches the operator.
            await app.DisposeAsync();
            throw;
        }

        app.UseBastionProblems();
        app.UseTrustedProxies();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20), KeepAliveTimeout = TimeSpan.FromSeconds(60) });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseApiTokenScopes();
        app.UseAuthorization();

        app.MapBastionObservability();
        app.MapBastionOpenApi();
        app.MapAuthEndpoints();
        app.MapSsoEndpoints();
        app.MapAccountEndpoints();
        app.MapSecondFactorEndpoints();
        app.MapInventoryEndpoints();
        app.MapAdminEndpoints();
        app.MapTerminalEndpoints();
        app.MapSessionsEndpoints();
        app.MapAuditEndpoints();
        app.MapSearchEndpoints();
        app.MapTransferEndpoints();
        app.MapUserSettingsEndpoints();
        app.MapFavouriteEndpoints();
        return app;
    }
}
