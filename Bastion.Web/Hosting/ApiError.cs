namespace Bastion.Web.Hosting;

/// <summary>The body of every non-validation error reply: <c>{"error":"..."}</c>.</summary>
internal sealed record ApiError(string Error);
