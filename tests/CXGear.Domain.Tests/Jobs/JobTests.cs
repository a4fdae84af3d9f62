using CXGear.Domain.Common;
using CXGear.Domain.Jobs;

namespace CXGear.Domain.Tests.Jobs;

public sealed class JobTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 10, 0, 0, DateTimeKind.Utc);

    private static Job Queued(int total = 3) => Job.Queue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 2, JobOrigin.Manual, total, Guid.NewGuid(), Now);

    [Test]
    public void A_new_job_is_queued_on_its_pinned_version_with_no_times()
    {
        var job = Queued();
        Assert.Multiple(() =>
        {
            Assert.That(job.Status, Is.EqualTo(JobStatus.Queued));
            Assert.That(job.SpinnerVersion, Is.EqualTo(2));
            Assert.That(job.TotalRecords, Is.EqualTo(3));
            Assert.That(job.StartedAt, Is.Null);
            Assert.That(job.Duration, Is.Null);
        });
    }

    [Test]
    public void Cancelling_a_queued_job_cancels_it_at_once()
    {
        var job = Queued();
        job.Cancel(Now.AddMinutes(1));
        Assert.Multiple(() =>
        {
            Assert.That(job.Status, Is.EqualTo(JobStatus.Cancelled));
            Assert.That(job.EndedAt, Is.EqualTo(Now.AddMinutes(1)));
        });
    }

    [Test]
    public void Cancelling_a_running_job_asks_it_to_stop_and_it_ends_cancelled()
    {
        var job = Queued();
        job.Claim("runtime-1", Now.AddMinutes(5), Now);
        job.Cancel(Now.AddSeconds(1));
        Assert.That(job.Status, Is.EqualTo(JobStatus.Running));
        Assert.That(job.CancelRequested, Is.True);
        job.Finish(Now.AddSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(job.Status, Is.EqualTo(JobStatus.Cancelled));
            Assert.That(job.Duration, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(job.ClaimedBy, Is.Null);
        });
    }

    [Test]
    public void Cancelling_a_finished_job_is_a_conflict()
    {
        var job = Queued();
        job.Claim("runtime-1", Now.AddMinutes(5), Now);
        job.Finish(Now);
        var error = Assert.Throws<CXGearException>(() => job.Cancel(Now));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.Conflict));
    }

    [TestCase(3, 0, JobStatus.Completed)]
    [TestCase(0, 3, JobStatus.Failed)]
    [TestCase(2, 1, JobStatus.Partial)]
    public void A_finished_job_is_completed_failed_or_partial_by_its_records(int succeeded, int failed, JobStatus expected)
    {
        var job = Queued();
        job.Claim("runtime-1", Now.AddMinutes(5), Now);
        for (var i = 0; i < succeeded; i++)
        {
            job.RecordFinished(true);
        }

        for (var i = 0; i < failed; i++)
        {
            job.RecordFinished(false);
        }

        job.Finish(Now);
        Assert.That(job.Status, Is.EqualTo(expected));
    }
}
