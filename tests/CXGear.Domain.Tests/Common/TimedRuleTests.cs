using System.Linq.Expressions;
using CXGear.Domain.ApiKeys;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;

namespace CXGear.Domain.Tests.Common;

/// <summary>A rule written once answers the same in memory and as a query predicate.</summary>
public sealed class TimedRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public void The_predicate_agrees_with_the_entity_check_on_both_sides_of_the_instant()
    {
        var keys = new[]
        {
            ApiKey.Create(Guid.NewGuid(), "a", ["ingest"], Now.AddMinutes(1), "cxg_AAAAAAAA", [1], null, Now),
            ApiKey.Create(Guid.NewGuid(), "b", ["ingest"], null, "cxg_BBBBBBBB", [1], null, Now),
        };

        foreach (var at in new[] { Now, Now.AddMinutes(1), Now.AddMinutes(2) })
        {
            var viaQuery = keys.AsQueryable().Where(ApiKey.Usable.At(at)).Select(k => k.Name).ToList();
            var viaEntity = keys.Where(k => k.IsUsableAt(at)).Select(k => k.Name).ToList();
            Assert.That(viaQuery, Is.EqualTo(viaEntity), $"at {at:o}");
        }
    }

    [Test]
    public void The_instant_reaches_the_query_as_a_member_access_not_a_literal()
    {
        var predicate = Job.Claimable.At(Now);

        var constants = new ConstantFinder();
        constants.Visit(predicate.Body);

        Assert.That(constants.DateTimes, Is.Empty, "a literal instant would give every call its own query plan");
    }

    [Test]
    public void A_job_under_a_live_lease_is_not_claimable_until_the_lease_ends()
    {
        var job = Job.Queue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, JobOrigin.Manual, 1, null, Now);
        job.Claim("runtime-1", Now.AddSeconds(30), Now);

        Assert.Throws<CXGearException>(() => job.Claim("runtime-2", Now.AddSeconds(60), Now.AddSeconds(10)));
        job.Claim("runtime-2", Now.AddSeconds(90), Now.AddSeconds(31));
        Assert.That(job.ClaimedBy, Is.EqualTo("runtime-2"));
    }

    private sealed class ConstantFinder : ExpressionVisitor
    {
        public List<DateTime> DateTimes { get; } = [];

        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Value is DateTime instant)
            {
                DateTimes.Add(instant);
            }

            return base.VisitConstant(node);
        }
    }
}
