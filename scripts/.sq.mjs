import { run as squiggle, defaultEnvironment } from "@quri/squiggle-lang";
const code = `
upShare(t) = max([0, min([1, t - 6])])
future(i) = {
  n = sample(Danger.poissonDist(0.8))
  times = n == 0 ? [] : List.map(List.upTo(1, n), {|j| sample(uniform(0, 7))})
  site(k) = List.reduce(times, 1, {|acc, t| sample(uniform(0, 1)) < 0.3 ? min([acc, upShare(t)]) : acc})
  10000 * (site(1) + site(2) + site(3) + site(4) + site(5))
}
capacity = SampleSet.fromFn(future)
[quantile(capacity, 0.05), quantile(capacity, 0.25), quantile(capacity, 0.5), quantile(capacity, 0.75), quantile(capacity, 0.95), mean(capacity), cdf(capacity, 29999.99)]`;
for (const n of [10000, 100000]) {
const t0 = performance.now();
const out = await squiggle(code, { environment: { ...defaultEnvironment, sampleCount: n, seed: "1" } });
console.log(n, performance.now() - t0, out.result.ok, String(out.result.value));
}
