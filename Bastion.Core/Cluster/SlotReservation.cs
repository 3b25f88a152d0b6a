namespace Bastion.Core.Cluster;

/// <summary>The outcome of <see cref="IClusterBus.ReserveSessionAsync"/>: whether the place was taken, and how many of
/// the user's sessions were counted (this one not included).</summary>
internal sealed record SlotReservation(bool Admitted, int Running);
