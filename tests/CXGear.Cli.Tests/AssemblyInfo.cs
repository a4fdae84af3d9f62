// Each fixture starts its own API; the tests of a fixture share it and run one after another.
[assembly: Parallelizable(ParallelScope.Fixtures)]
