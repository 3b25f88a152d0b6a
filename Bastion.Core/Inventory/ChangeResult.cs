using Bastion.Core.Validation;

namespace Bastion.Core.Inventory;

/// <summary>The outcome of an admin change as a value: the changed entity, or why nothing changed. Field errors are
/// keyed by the API's JSON field name, so the admin page can show each under its field.</summary>
internal sealed record ChangeResult<T>
    where T : class
{
    private ChangeResult(ChangeStatus status, T? value, string? message, FieldErrors? fieldErrors)
    {
        Status = status;
        Value = value;
        Message = message;
        FieldErrors = fieldErrors ?? new FieldErrors();
    }

    public ChangeStatus Status { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ChangeStatus.Done"/>.</summary>
    public T? Value { get; }

    /// <summary>Why a <see cref="ChangeStatus.NotFound"/> or <see cref="ChangeStatus.Conflict"/>, for the reply.</summary>
    public string? Message { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ChangeStatus.Invalid"/>; empty otherwise.</summary>
    public FieldErrors FieldErrors { get; }

    public static ChangeResult<T> Done(T value) => new(ChangeStatus.Done, value, null, null);

    public static ChangeResult<T> Invalid(FieldErrors fieldErrors) => new(ChangeStatus.Invalid, null, null, fieldErrors);

    public static ChangeResult<T> Invalid(string field, FieldMessage message) => Invalid(FieldErrors.One(field, message));

    public static ChangeResult<T> NotFound(string message) => new(ChangeStatus.NotFound, null, message, null);

    public static ChangeResult<T> Conflict(string message) => new(ChangeStatus.Conflict, null, message, null);
}
