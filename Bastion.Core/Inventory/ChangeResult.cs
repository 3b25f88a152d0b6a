using Bastion.Core.Validation;

namespace Bastion.Core.Inventory;

/// <summary>The outcome of an admin change as a value: the changed entity, or why nothing changed. Field errors are
/// keyed by the API's JSON field name, so the admin page can show each under its field.</summary>
internal sealed record ChangeResult<T>
    where T : class
{
    private ChangeResult(ChangeStatus status, T? value, FieldMessage? problem, FieldErrors? fieldErrors)
    {
        Status = status;
        Value = value;
        Problem = problem;
        FieldErrors = fieldErrors ?? new FieldErrors();
    }

    public ChangeStatus Status { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ChangeStatus.Done"/>.</summary>
    public T? Value { get; }

    /// <summary>Why a <see cref="ChangeStatus.NotFound"/> or <see cref="ChangeStatus.Conflict"/>, for the reply: a
    /// <see cref="ReplyCodes"/> code with its values and the English text.</summary>
    public FieldMessage? Problem { get; }

    /// <summary>The English text of <see cref="Problem"/>.</summary>
    public string? Message => Problem?.Text;

    /// <summary>Set when <see cref="Status"/> is <see cref="ChangeStatus.Invalid"/>; empty otherwise.</summary>
    public FieldErrors FieldErrors { get; }

    public static ChangeResult<T> Done(T value) => new(ChangeStatus.Done, value, null, null);

    public static ChangeResult<T> Invalid(FieldErrors fieldErrors) => new(ChangeStatus.Invalid, null, null, fieldErrors);

    public static ChangeResult<T> Invalid(string field, FieldMessage message) => Invalid(FieldErrors.One(field, message));

    public static ChangeResult<T> NotFound(FieldMessage problem) => new(ChangeStatus.NotFound, null, problem, null);

    public static ChangeResult<T> Conflict(FieldMessage problem) => new(ChangeStatus.Conflict, null, problem, null);
}
