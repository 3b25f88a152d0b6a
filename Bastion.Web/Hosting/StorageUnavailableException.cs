namespace Bastion.Web.Hosting;

/// <summary>
/// The service must not start on this storage: the database could not be reached or opened, or its schema does not
/// fit this build. The message is for the operator (where, and the provider's reason; never the password) and has
/// already been logged; <c>Program</c> turns it into exit code 1 instead of an unhandled-exception abort.
/// </summary>
internal sealed class StorageUnavailableException(string message) : InvalidOperationException(message);
