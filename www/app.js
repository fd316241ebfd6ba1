import { importPosting, applyEvent, availableEvents, sellerTab, deadline } from './pkg/browser.js';

const sample = {
  posting_number: '23713478-0018-3', order_id: 559293114, order_number: '23713478-0018',
  status: 'awaiting_packaging', substatus: 'posting_created',
  delivery_method: { id: 15110442724000, name: 'Ozon Логистика курьеру, Москва', warehouse_id: 15110442724000, warehouse: 'Склад на Ленина', tpl_provider: 'Ozon Логистика' },
  tracking_number: '', shipment_date: new Date(Date.now() + 3 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
  products: [{ sku: 140048123, name: 'Мяч футбольный, размер 5', offer_id: 'УТ-0001365', quantity: 1, price: '1259.00', currency_code: 'RUB' }],
};

// Example data for each event type, as the page would collect it from the seller or the marketplace.
const eventData = {
  registered: { trackingNumber: 'TRK' + Math.floor(Math.random() * 1e8), barcodes: { upper: '%101%806044518', lower: '23024930500000' } },
  pack: { packing: { package: { lengthMm: 300, widthMm: 200, heightMm: 100, weightG: 900, kind: 'box', color: 'brown' }, labels: [{ widthMm: 75, heightMm: 120, face: 'top', xMm: 20, yMm: 20 }], printMethod: 'thermal', labelSurface: 'matte' } },
  handOver: { actNumber: 'A-' + Math.floor(Math.random() * 1000), collectionPoint: 'ПВЗ Ozon, ул. Ленина 5' },
  rejectedBySortingCenter: { reason: 'not scanned at the sorting center' },
  openDispute: { comment: 'Handed over with the act; please check the sorting center.' },
  disputeResolved: { outcome: 'reship' },
  cancel: { reasonId: 352 },
  cancelledByPlatform: { reasonId: 666 },
  statusUpdate: { status: 'delivering', substatus: 'posting_in_courier_service' },
};

let order = importPosting(sample);
const $ = (id) => document.getElementById(id);

function render() {
  $('posting').textContent = order.postingNumber;
  $('status').textContent = order.status;
  $('tab').textContent = sellerTab(order);
  const d = deadline(order, new Date().toISOString());
  $('deadline').textContent = d.state === 'not_applicable' ? 'Deadline: done' : `Deadline: ${d.state.replace('_', ' ')} (${d.minutesLeft} min left)`;
  const actions = $('actions');
  actions.replaceChildren();
  for (const type of availableEvents(order)) {
    const button = document.createElement('button');
    button.textContent = type;
    button.dataset.event = type;
    const platform = availableEvents(order, { actor: 'platform' }).includes(type);
    if (platform) button.className = 'platform';
    button.onclick = () => {
      try {
        order = applyEvent(order, { type, at: new Date().toISOString(), ...(eventData[type] ?? {}) });
        $('error').textContent = '';
      } catch (e) {
        $('error').textContent = `${e.code}: ${e.message}`;
      }
      render();
    };
    actions.append(button);
  }
  $('history').replaceChildren(...order.history.map((e) => {
    const li = document.createElement('li');
    li.textContent = `${e.at} — ${e.type}`;
    return li;
  }));
}
render();
