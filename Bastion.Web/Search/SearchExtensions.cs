using Bastion.Core.Recording.Search;
using Bastion.Core.Storage;
using Bastion.Web.AuditApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Search;

/// <summary>Search across recordings: the index (fed by the recorder, backfilled from the files) and its API.</summary>
internal static class SearchExtensions
{
    public static void AddBastionSearch(this IServiceCollection services)
    {
        services.AddOptions<RecordingSearchOptions>().BindConfiguration(RecordingSearchOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordingSearchOptions>, SearchOptionsValidator>());
        services.AddSingleton<RecordingSearchFeed>();
        services.AddScoped<IRecordingSearchStore>(sp =>
        {
            var db = sp.GetRequiredService<BastionDbContext>();
            return StorageProviders.IsPostgres(db.Database) ? new PostgresRecordingSearchStore(db) : new SqliteRecordingSearchStore(db);
        });
        services.AddScoped<RecordingSearch>();
        services.AddHostedService<RecordingIndexService>();
    }

    public static void MapSearchEndpoints(this WebApplication app)
    {
        app.MapGroup("/api/recordings").RequireAuthorization(AuditExtensions.ReviewPolicy).WithTags("Sessions")
            .MapGet("/search", SearchEndpoints.SearchAsync).WithName("SearchRecordings");
    }
}
