using CXGear.Domain.ApiKeys;
using CXGear.Domain.Billing;
using CXGear.Domain.DataTables;
using CXGear.Domain.Jobs;
using CXGear.Domain.Projects;
using CXGear.Domain.Spinners;
using CXGear.Domain.Spinners.Definitions;
using CXGear.Domain.Tests.Spinners;
using CXGear.Domain.Users;

namespace CXGear.Domain.Tests.Billing;

/// <summary>What each entity holds on the capacity meters and which transitions it records for the unit of work.</summary>
public sealed class MeterChangesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Org = Guid.NewGuid();

    private static SpinnerDefinition Log() => Definitions.Valid(Definitions.Steps("{'id':'s1','type':'log','message':'Hi'}"));

    private static Spinner MainDraft() => Spinner.Create(Org, Guid.NewGuid(), Guid.NewGuid(), "Main", Log(), null, null, Guid.NewGuid(), Now);

    private static ApiKey Key(DateTime? expiresAt = null) =>
        ApiKey.Create(Org, "CRM", ["ingest"], expiresAt, "cxg_AAAAAAAA", [1], Guid.NewGuid(), Now);

    [Test]
    public void Net_sums_per_organization_and_meter_drops_zeroes_and_gives_back_before_taking()
    {
        var other = Guid.NewGuid();
        var net = MeterChanges.Net(
        [
            new MeterChange(Org, Meter.ApiKeys, 1),
            new MeterChange(Org, Meter.ApiKeys, -1),
            new MeterChange(Org, Meter.Projects, 1),
            new MeterChange(other, Meter.Projects, -1),
            new MeterChange(Org, Meter.Projects, 1),
        ]);

        Assert.That(net, Is.EqualTo(new[] { new MeterChange(other, Meter.Projects, -1), new MeterChange(Org, Meter.Projects, 2) }));
    }

    [Test]
    public void A_log_refuses_a_change_of_zero_units_and_drains_once()
    {
        var log = new MeterChangeLog();
        log.Take(Org, Meter.Users, 2);
        log.GiveBack(Org, Meter.Users);

        Assert.Throws<ArgumentOutOfRangeException>(() => log.Take(Org, Meter.Users, 0));
        Assert.That(log.Drain().Sum(c => c.Units), Is.EqualTo(1));
        Assert.That(log.Drain(), Is.Empty);
    }

    [Test]
    public void Projects_tables_active_users_and_live_keys_hold_one_unit_each()
    {
        var project = Project.Create(Org, "Leads", ProjectType.Outreach, Guid.NewGuid(), Now);
        var table = DataTable.Create(Org, project.Id, "Contacts", ["name"], Guid.NewGuid(), Now);
        var user = User.Create(Org, "Ada", "ada@example.com", [Guid.NewGuid()], Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(project.HeldUnits(), Is.EqualTo(new[] { new MeterChange(Org, Meter.Projects, 1) }));
            Assert.That(table.HeldUnits(), Is.EqualTo(new[] { new MeterChange(Org, Meter.DataTables, 1) }));
            Assert.That(user.HeldUnits(), Is.EqualTo(new[] { new MeterChange(Org, Meter.Users, 1) }));
            Assert.That(Key().HeldUnits(), Is.EqualTo(new[] { new MeterChange(Org, Meter.ApiKeys, 1) }));
        }
    }

    [Test]
    public void Disabling_gives_the_seat_back_enabling_takes_it_and_repeating_either_records_nothing()
    {
        var user = User.Create(Org, "Ada", "ada@example.com", [Guid.NewGuid()], Now);

        user.Disable();
        user.Disable();
        var afterDisable = (user.DrainMeterChanges().Sum(c => c.Units), user.HeldUnits().Count());
        user.Enable();
        user.Enable();

        Assert.That((afterDisable, user.DrainMeterChanges().Sum(c => c.Units), user.HeldUnits().Count()), Is.EqualTo(((-1, 0), 1, 1)));
    }

    [Test]
    public void Only_a_main_spinners_first_publish_takes_a_spinners_unit()
    {
        var main = MainDraft();
        Assert.That(main.HeldUnits(), Is.Empty, "a draft counts for nothing");

        main.Publish(Guid.NewGuid(), Now);
        main.Publish(Guid.NewGuid(), Now);
        var child = Spinner.Create(Org, main.ProjectId, main.DataTableId, "Retry", Log(), main, new StartCondition("disposition", "Retry"), Guid.NewGuid(), Now);
        child.Publish(Guid.NewGuid(), Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(main.DrainMeterChanges(), Is.EqualTo(new[] { new MeterChange(Org, Meter.Spinners, 1) }));
            Assert.That(main.HeldUnits().Count(), Is.EqualTo(1));
            Assert.That(child.DrainMeterChanges(), Is.Empty);
            Assert.That(child.HeldUnits(), Is.Empty);
        }
    }

    [Test]
    public void A_queued_job_takes_a_jobs_unit_and_a_records_unit_per_record()
    {
        var job = Job.Queue(Org, Guid.NewGuid(), Guid.NewGuid(), 1, JobOrigin.Manual, 250, null, Now);
        var empty = Job.Queue(Org, Guid.NewGuid(), Guid.NewGuid(), 1, JobOrigin.Manual, 0, null, Now);

        Assert.That(job.DrainMeterChanges(), Is.EqualTo(new[] { new MeterChange(Org, Meter.JobsPerMonth, 1), new MeterChange(Org, Meter.RecordsPerMonth, 250) }));
        Assert.That(empty.DrainMeterChanges(), Is.EqualTo(new[] { new MeterChange(Org, Meter.JobsPerMonth, 1) }));
    }

    [Test]
    public void The_sweep_gives_back_an_expired_keys_place_once_and_leaves_live_keys_alone()
    {
        var expired = Key(Now.AddHours(1));
        var live = Key(Now.AddDays(1));
        var later = Now.AddHours(2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expired.SweepIfExpired(later), Is.True);
            Assert.That(expired.SweepIfExpired(later), Is.False);
            Assert.That(expired.DrainMeterChanges().Sum(c => c.Units), Is.EqualTo(-1));
            Assert.That((expired.RevokedAt, expired.RevokedReason), Is.EqualTo(((DateTime?)Now.AddHours(1), "expired")));
            Assert.That(live.SweepIfExpired(later), Is.False);
        }
    }

    [Test]
    public void A_rotation_nets_to_nothing_the_old_key_gives_back_what_its_successor_holds()
    {
        var key = Key();
        var successor = key.Rotate(TimeSpan.FromMinutes(5), "cxg_BBBBBBBB", [2], null, Now);

        var net = MeterChanges.Net(key.DrainMeterChanges().Concat(successor.HeldUnits()));

        Assert.That(net, Is.Empty);
    }
}
