using Bastion.Core.Inventory;
using Bastion.Core.Validation;

namespace Bastion.Web.Inventory;

/// <summary>The query string of <c>GET /api/hosts</c> (issue 14): <c>q</c>, <c>group</c>, <c>label</c>, <c>id</c>
/// (repeatable), <c>after</c> (the previous page's <c>X-Next-Cursor</c>), <c>limit</c>, and <c>all=1</c> for admins.</summary>
internal sealed record HostListRequest(string? Q, string? Group, string? Label, Guid[]? Id, string? After, int? Limit, string? All)
{
    /// <summary>The longest text a filter or cursor may be (a host name is at most 255 characters).</summary>
    public const int MaxText = 256;

    /// <summary>The filters and the cursor whose text is too long.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        foreach (var (field, value) in new[] { ("q", Q), ("group", Group), ("label", Label), ("after", After) })
        {
            if (value is { Length: > MaxText })
            {
                errors.Add(field, FieldMessages.TextTooLong(MaxText));
            }
        }

        return errors;
    }

    public HostQuery ToQuery(bool inventory) => new()
    {
        Text = Q,
        Group = Group,
        Label = Label,
        Ids = Id is null or [] ? null : [.. Id.Take(HostQuery.MaxIds)], // binding gives an empty array for no id
        After = string.IsNullOrEmpty(After) ? null : After,
        Limit = Limit ?? HostQuery.DefaultLimit,
        IncludeDisabled = inventory,
        IncludeCredentials = inventory,
    };
}
