// A consumer of the packed package, written as the README documents the API. test-web/package.test.ts
// compiles it with tsc --strict against the tarball's types (reading a prediction needs no cast) and
// runs it in Node.
import { dense, lstm, plotModel, sequential, setRandomSeed, splitSequence, tensor } from 'lstmkit';

setRandomSeed(1);
const { x, y } = splitSequence([10, 20, 30, 40, 50, 60, 70, 80, 90], 3);
const model = sequential([lstm({ units: 50, activation: 'relu', inputShape: [3, 1] }), dense({ units: 1 })]);
model.compile({ optimizer: 'adam', loss: 'mse' });
await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y), { epochs: 200, verbose: 0 });
const next: number = model.predict(tensor([[[70], [80], [90]]])).to2d()[0][0];
const diagram: string = plotModel(model, { showShapes: true, showLayerNames: true });
console.log(JSON.stringify({ next, diagramBytes: diagram.length }));
