namespace Bastion.Core.Inventory;

/// <summary>How an admin change to the inventory or the user directory ended. The web layer maps each to one status
/// code: <see cref="Invalid"/> to 400 with field errors, <see cref="NotFound"/> to 404, <see cref="Conflict"/> to 409.</summary>
internal enum ChangeStatus
{
    Done,
    Invalid,
    NotFound,
    Conflict,
}
