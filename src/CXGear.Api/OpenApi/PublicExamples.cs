using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Application.Jobs.Common;

namespace CXGear.Api.OpenApi;

/// <summary>Examples for the integration routes (/public): what a CRM sends and what it gets back.</summary>
internal static class PublicExamples
{
    private static readonly Guid DataTableId = Guid.Parse("0199a3f0-5c1e-7b2a-9d4f-3e8c1a2b4d5e");
    private static readonly Guid JobId = Guid.Parse("0199a3f1-0a7d-7c3e-8b1f-6d2e4c9a1b3f");

    /// <summary>Flat records of column → string, number, boolean or null; the keys must be columns of the table.</summary>
    private static readonly object[] Records =
    [
        new Dictionary<string, object?> { ["name"] = "Ada Lovelace", ["phone"] = "+15550100", ["score"] = 92, ["optedIn"] = true },
        new Dictionary<string, object?> { ["name"] = "Alan Turing", ["phone"] = "+15550101", ["score"] = 87.5, ["optedIn"] = null },
    ];

    public sealed class Ingest : IOperationExamples
    {
        public object? Request => new { dataTableId = DataTableId, records = Records };

        public object Response => new IngestResult(true, Records.Length);
    }

    public sealed class IngestViaWebhook : IOperationExamples
    {
        public object? Request => new { records = Records };

        public object Response => new IngestResult(true, Records.Length);
    }

    public sealed class Trigger : IOperationExamples
    {
        public object? Request => new { records = Records.Take(1) };

        public object Response => new JobQueuedDto(true, JobId, "queued");
    }
}
