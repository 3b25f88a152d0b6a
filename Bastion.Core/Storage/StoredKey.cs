namespace Bastion.Core.Storage;

/// <summary>
/// One element of the Data Protection key ring (its XML, encrypted to the key-ring certificate when one is
/// configured), when the ring lives in the database so that every node reads the same keys (PostgreSQL).
/// </summary>
internal sealed class StoredKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
