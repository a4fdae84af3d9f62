// Each fixture owns its host and database, so fixtures can run side by side.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
