using System.Globalization;
using Bastion.Core.Recording.Search;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Search;

/// <summary><c>GET /api/recordings/search</c> (auditors and admins): words in what sessions showed or (where recorded)
/// was typed, with filters; each hit names the session and the second of its recording. Like the other reads of the
/// review (sessions, recordings, the audit log), a search is not itself an audit event.</summary>
internal static class SearchEndpoints
{
    public sealed record SearchParameters(string? Q, string? User, string? Host, string? From, string? To, int? Skip, int? Limit);

    public static async Task<Results<Ok<SearchResult>, BadRequest<ApiError>>> SearchAsync(
        [AsParameters] SearchParameters parameters, RecordingSearch search, CancellationToken cancellationToken)
    {
        var (filter, error) = Parse(parameters);
        if (filter is null)
        {
            return TypedResults.BadRequest(new ApiError(error!));
        }

        return TypedResults.Ok(await search.SearchAsync(filter, cancellationToken));
    }

    internal static (SearchFilter? Filter, FieldMessage? Error) Parse(SearchParameters p)
    {
        var (terms, termsError) = SearchTerms.Parse(p.Q);
        if (terms is null)
        {
            return (null, termsError);
        }

        FieldMessage? error;
        if (!TryTime(p.From, "from", out var from, out error) || !TryTime(p.To, "to", out var to, out error))
        {
            return (null, error);
        }

        if (from is { } f && to is { } t && t <= f)
        {
            return (null, ReplyMessages.SearchTimeOrder);
        }

        if (p.Limit is < 1 or > RecordingSearch.MaxTake)
        {
            return (null, ReplyMessages.SearchLimitRange(RecordingSearch.MaxTake));
        }

        if (p.Skip is < 0 or > RecordingSearch.MaxSkip)
        {
            return (null, ReplyMessages.SearchSkipRange(RecordingSearch.MaxSkip));
        }

        var host = string.IsNullOrWhiteSpace(p.Host) ? null : p.Host.Trim();
        Guid? hostId = host is not null && Guid.TryParse(host, out var id) ? id : null;
        return (new SearchFilter
        {
            Terms = terms,
            User = string.IsNullOrWhiteSpace(p.User) ? null : p.User.Trim().ToLowerInvariant(),
            HostId = hostId,
            HostName = hostId is null ? host : null,
            FromMs = from,
            ToMs = to,
            Skip = p.Skip ?? 0,
            Take = p.Limit ?? 50,
        }, null);
    }

    private static bool TryTime(string? value, string name, out long? ms, out FieldMessage? error)
    {
        ms = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            error = ReplyMessages.SearchTimeInvalid(name);
            return false;
        }

        ms = time.ToUnixTimeMilliseconds();
        return true;
    }
}
