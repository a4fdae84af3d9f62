using CXGear.Domain.Jobs;

namespace CXGear.Domain.Tests.Jobs;

public sealed class JobRecordTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static JobRecord Pending() => JobRecord.Pending(Guid.NewGuid(), Guid.NewGuid(), 1, "{\"name\":\"Ada\"}");

    [Test]
    public void A_completed_record_keeps_its_outputs_and_disposition()
    {
        var record = Pending();

        record.Complete("Synced", Now, "{\"crm\":{\"status\":200}}");

        Assert.That((record.Status, record.Disposition, record.Outputs, record.EndedAt), Is.EqualTo((JobRecordStatus.Completed, "Synced", "{\"crm\":{\"status\":200}}", (DateTime?)Now)));
    }

    [Test]
    public void Outputs_over_the_limit_are_stored_as_a_truncation_marker_not_cut_into_invalid_json()
    {
        var record = Pending();
        var huge = "{\"body\":\"" + new string('x', JobRecord.MaxOutputsLength) + "\"}";

        record.Fail("boom", null, Now, huge);

        Assert.That((record.Status, record.Outputs), Is.EqualTo((JobRecordStatus.Failed, JobRecord.TruncatedOutputs)));
    }

    [Test]
    public void Outputs_exactly_at_the_limit_are_kept()
    {
        var record = Pending();
        var body = "{\"b\":\"" + new string('x', JobRecord.MaxOutputsLength - 8) + "\"}";
        Assert.That(body, Has.Length.EqualTo(JobRecord.MaxOutputsLength));

        record.Complete(null, Now, body);

        Assert.That(record.Outputs, Is.EqualTo(body));
    }
}
