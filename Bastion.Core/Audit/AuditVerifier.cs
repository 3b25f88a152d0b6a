using Bastion.Core.Recording;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Audit;

/// <summary>
/// Walks the chain in sequence order from the genesis (or the signed retention checkpoint) and reports the first
/// event whose sequence, previous-hash link or own hash is wrong. Reads rows as stored, so any edit, deletion or
/// reordering made directly in the database file shows up here. Then every recording the chain speaks of is checked
/// against its <c>recording.checkpoint</c> events and its final hash (issue 13), and the first that differs is named.
/// </summary>
internal sealed class AuditVerifier(BastionDbContext db, AuditCheckpointSigner signer, RecordingOptionsAccessor recordings)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        // 1. Where the chain must start.
        long expectedSequence = 1;
        var expectedPrev = AuditCanonical.GenesisHash;
        var checkpoint = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (checkpoint is not null)
        {
            if (!signer.IsValid(checkpoint))
            {
                return new AuditVerification(false, 0, 0, AuditCanonical.GenesisHash, checkpoint.FirstSequence, "the retention checkpoint's signature is wrong");
            }

            expectedSequence = checkpoint.FirstSequence;
            expectedPrev = checkpoint.PrevHash;
        }

        // 2. Every row, in the order the sequence numbers claim.
        long count = 0;
        var claims = new Dictionary<string, RecordingClaims>(StringComparer.Ordinal);
        var lastSequence = expectedSequence - 1;
        await foreach (var row in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            string? problem = null;
            if (row.Sequence != expectedSequence)
            {
                problem = row.Sequence > expectedSequence
                    ? $"events {expectedSequence}..{row.Sequence - 1} are missing"
                    : $"sequence {row.Sequence} appears out of order (expected {expectedSequence})";
            }
            else if (!string.Equals(row.PrevHash, expectedPrev, StringComparison.Ordinal))
            {
                problem = "its previous-hash link does not match the event before it (rows deleted or reordered)";
            }
            else if (!string.Equals(AuditCanonical.ComputeHash(row), row.Hash, StringComparison.Ordinal))
            {
                problem = "its contents do not match its hash (the row was edited)";
            }

            if (problem is not null)
            {
                return new AuditVerification(false, count, lastSequence, expectedPrev, row.Sequence, problem);
            }

            RecordingClaims.Collect(claims, row);
            count++;
            lastSequence = row.Sequence;
            expectedSequence++;
            expectedPrev = row.Hash;
        }

        // 3. The recordings, against what the (verified) chain says about them; the earliest bad claim is reported.
        (long Sequence, string Problem, RecordingClaims Claims)? worst = null;
        var checkedRecordings = 0;
        foreach (var claim in claims.Values)
        {
            if (claim.File is null || recordings.PathOf(claim.File) is not { } path || (claim.Checkpoints.Count == 0 && claim.Final is null))
            {
                continue;
            }

            checkedRecordings++;
            if (await RecordingCheck.FirstMismatchAsync(path, claim, cancellationToken) is { } bad && (worst is null || bad.Sequence < worst.Value.Sequence))
            {
                worst = (bad.Sequence, bad.Problem, claim);
            }
        }

        return worst is { } w
            ? new AuditVerification(false, count, lastSequence, expectedPrev, w.Sequence, w.Problem, checkedRecordings, w.Claims.File, w.Claims.SessionId)
            : new AuditVerification(true, count, lastSequence, expectedPrev, null, null, checkedRecordings);
    }
}
